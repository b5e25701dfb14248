#!/usr/bin/env bash
# What the tests use besides .NET: Debian's Chromium for the browser tests (Playwright's own browser
# download cannot work offline), poppler's pdftoppm to picture invoice PDFs for the documentation,
# Node.js to run the independent bank-file implementations in tests/interop and the OpenAPI linters in
# tests/openapi-lint, and aiosmtpd for a real
# SMTP server the email tests stop and start (tests/Facturo.Tests/Emails/smtp-server.py), OpenSSH's server
# for the bank's SFTP folders, and libfaketime for the first-day test's month end (the facturo processes only).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v npm >/dev/null || missing+=(nodejs npm)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(faketime)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (apt-get)..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
fi
