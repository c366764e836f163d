#!/usr/bin/env bash
# The lab / small-site PKI of the certificates role, run on the control node. Every output is
# made once and never overwritten (prints "created FILE" or "unchanged FILE" for Ansible's
# changed_when); keys and key stores are created 0600 in a 0700 directory (umask 077).
# Passwords come from the environment (VS_KEYSTORE_PASSWORD, VS_TRUSTSTORE_PASSWORD), never argv.
#   vs-pki.sh DIR ca ID DAYS                         CA key + self-signed certificate
#   vs-pki.sh DIR host NAME CA_ID DAYS SAN           host key + certificate signed by CA_ID
#                                                    (SAN e.g. "IP:10.0.0.1,DNS:kafka1")
#   vs-pki.sh DIR import NAME CA_ID CERT KEY          a host certificate and key given by the site
#   vs-pki.sh DIR keystore NAME CA_ID [OUT]           PKCS12 key store of that certificate (+ CA),
#                                                    NAME-CA_ID.p12 unless OUT is given
#   vs-pki.sh DIR pem NAME CA_ID                      PEM key store: key, certificate and CA in one
#                                                    file (servers that read PEM without a password)
#   vs-pki.sh DIR truststore OUT CA_CERT...           PKCS12 trust store holding these CAs
#   vs-pki.sh DIR bundle OUT CA_CERT...               PEM bundle of these CAs
set -euo pipefail
umask 077
dir="$1"; cmd="$2"; shift 2
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"
done_or() { # done_or FILE: "unchanged" and exit when FILE exists
  if [[ -s "$1" ]]; then echo "unchanged $1"; exit 0; fi
}
case "$cmd" in
  ca)
    id="$1" days="$2"
    done_or "ca-$id.crt"
    openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days "$days" -subj "/CN=VitalStorm CA $id" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
      -keyout "ca-$id.key.tmp" -out "ca-$id.crt.tmp" 2>/dev/null
    mv "ca-$id.key.tmp" "ca-$id.key"; mv "ca-$id.crt.tmp" "ca-$id.crt"
    echo "created ca-$id.crt" ;;
  host)
    name="$1" ca="$2" days="$3" san="$4"
    done_or "$name-$ca.crt"
    [[ -f "ca-$ca.key" ]] || { echo "vs-pki: no key of CA $ca in $dir" >&2; exit 2; }
    openssl req -new -newkey rsa:2048 -sha256 -nodes -subj "/CN=$name" \
      -keyout "$name-$ca.key.tmp" -out "$name-$ca.csr" 2>/dev/null
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
      "$san" > "$name-$ca.ext"
    openssl x509 -req -sha256 -days "$days" -in "$name-$ca.csr" -CA "ca-$ca.crt" -CAkey "ca-$ca.key" \
      -CAcreateserial -extfile "$name-$ca.ext" -out "$name-$ca.crt.tmp" 2>/dev/null
    mv "$name-$ca.key.tmp" "$name-$ca.key"; mv "$name-$ca.crt.tmp" "$name-$ca.crt"
    rm -f "$name-$ca.csr" "$name-$ca.ext"
    echo "created $name-$ca.crt" ;;
  import)
    name="$1" ca="$2" cert="$3" key="$4"
    done_or "$name-$ca.crt"
    cp "$key" "$name-$ca.key"; cp "$cert" "$name-$ca.crt"
    echo "created $name-$ca.crt" ;;
  keystore)
    name="$1" ca="$2" out="${3:-$1-$2.p12}"
    done_or "$out"
    : "${VS_KEYSTORE_PASSWORD:?VS_KEYSTORE_PASSWORD not set}"
    openssl pkcs12 -export -name "$name" -in "$name-$ca.crt" -inkey "$name-$ca.key" -certfile "ca-$ca.crt" \
      -passout env:VS_KEYSTORE_PASSWORD -out "$out.tmp"
    mv "$out.tmp" "$out"
    echo "created $out" ;;
  pem)
    name="$1" ca="$2"
    done_or "$name-$ca.pem"
    cat "$name-$ca.key" "$name-$ca.crt" "ca-$ca.crt" > "$name-$ca.pem.tmp"
    mv "$name-$ca.pem.tmp" "$name-$ca.pem"
    echo "created $name-$ca.pem" ;;
  truststore)
    out="$1"; shift
    done_or "$out"
    : "${VS_TRUSTSTORE_PASSWORD:?VS_TRUSTSTORE_PASSWORD not set}"
    rm -f "$out.tmp"
    for cert in "$@"; do
      keytool -importcert -noprompt -storetype PKCS12 -keystore "$out.tmp" -storepass:env VS_TRUSTSTORE_PASSWORD \
        -alias "$(basename "$cert" .crt)" -file "$cert" >/dev/null
    done
    mv "$out.tmp" "$out"
    echo "created $out" ;;
  bundle)
    out="$1"; shift
    done_or "$out"
    cat "$@" > "$out.tmp"
    chmod 644 "$out.tmp"
    mv "$out.tmp" "$out"
    echo "created $out" ;;
  *) echo "vs-pki: unknown command $cmd" >&2; exit 64 ;;
esac
