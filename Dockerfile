# The production image: gunicorn serves the portal, whitenoise its static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; poppler-utils is only for checking exported PDFs. The backups need
# pg_dump and pg_restore of the server's major version (bookworm's client is 15, as the db image).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 portal && mkdir -p /app/media /app/backups && chown portal /app/media /app/backups
USER portal
EXPOSE 8000
# Bind, workers, timeout and the dropped Server banner: netwerkagenda/gunicorn.conf.py.
CMD ["gunicorn", "-c", "netwerkagenda/gunicorn.conf.py", "netwerkagenda.wsgi:application"]
