"""The AVG (GDPR) in the portal: the privacy statement, inzage, anonymising a person and the
retention of logs. In the project package because a person's data is spread over every app."""
