# Janneke, who took part in every way the portal records (tests/privacy), to anonymise here too.
from tests.privacy.conftest import participant  # noqa: F401
