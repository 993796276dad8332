#!/bin/sh
# Test-only TLS fixtures for dev.alertmail.smtp (never use them anywhere else).
# Self-signed, CA-less server certificates in PKCS12 stores, password "changeit":
#   server.p12      SAN dns:localhost, ip:127.0.0.1, valid 100 years: the good case
#   wrong-name.p12  SAN dns:wrong.example only: host name verification must fail
#   ca.p12          a test CA (a trusted self-signed certificate is never checked for
#                   expiry by the JDK, so the expired case needs a chain)
#   expired.p12     SAN as server.p12, issued by ca.p12, valid for one day 30 days ago
# Tests trust a certificate by loading its store as a trust store.
# Regenerate with: sh src/test/resources/tls/generate.sh
set -eu
cd "$(dirname "$0")"
PASS=changeit
rm -f server.p12 wrong-name.p12 expired.p12 ca.p12

gen() { # store, CN, SAN, extra keytool options...
  store=$1 cn=$2 san=$3
  shift 3
  keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
    -dname "CN=$cn, O=AlertMail tests" -ext "san=$san" \
    -storetype PKCS12 -keystore "$store" -storepass "$PASS" -keypass "$PASS" "$@"
}

gen server.p12 localhost dns:localhost,ip:127.0.0.1 -validity 36500
gen wrong-name.p12 wrong.example dns:wrong.example -validity 36500

keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
  -dname "CN=AlertMail test CA" -ext bc:c -validity 36500 \
  -storetype PKCS12 -keystore ca.p12 -storepass "$PASS" -keypass "$PASS"
gen expired.p12 localhost dns:localhost,ip:127.0.0.1 -validity 36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
keytool -exportcert -alias ca -keystore ca.p12 -storepass "$PASS" -rfc >"$tmp/ca.pem"
keytool -certreq -alias server -keystore expired.p12 -storepass "$PASS" >"$tmp/req.pem"
keytool -gencert -alias ca -keystore ca.p12 -storepass "$PASS" -infile "$tmp/req.pem" \
  -ext san=dns:localhost,ip:127.0.0.1 -startdate -30d -validity 1 -rfc >"$tmp/expired.pem"
keytool -importcert -alias ca -file "$tmp/ca.pem" -keystore expired.p12 -storepass "$PASS" -noprompt
keytool -importcert -alias server -file "$tmp/expired.pem" -keystore expired.p12 -storepass "$PASS"
