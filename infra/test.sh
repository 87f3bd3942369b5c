#!/usr/bin/env bash
# The whole WebEdi test suite on a fresh Debian 12 machine with the .NET 10 SDK:
# installs the Debian packages whose servers the tests start as private instances
# (PostgreSQL, RabbitMQ, an SMTP server, pika for a non-.NET AMQP client, Chromium,
# docker-compose) and the ones the PDF tests print and judge with (the IPAex fonts,
# poppler's pdftotext/pdftoppm, zbar's barcode reader, fontconfig's fc-query), builds, runs
# every test project, and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(postgresql rabbitmq-server python3-aiosmtpd python3-pika chromium docker-compose fonts-ipaexfont poppler-utils zbar-tools fontconfig)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build WebEdi.sln --configuration Release --nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
dotnet test WebEdi.sln --configuration Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Failed: N, Passed: N, ..." summary per test assembly; add them up.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
