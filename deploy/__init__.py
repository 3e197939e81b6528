"""Deployment files (nginx, gunicorn, systemd, environment) and the stack runner that proves
them (`make deploy-test`)."""
