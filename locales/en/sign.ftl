# Messages of vanban (sign), English. The same ids as ../vi/sign.ftl.

## The key and its certificate
sign-wrong-password = the password does not open `{ $path }`
sign-not-pkcs12 = `{ $path }` is not a PKCS#12 file vanban can read: { $reason }
sign-no-key-file = { $path } holds no private key
sign-no-key-token = the token holds no private key
sign-not-rsa = the key in { $path } is not an RSA key: vanban signs with RSA (PKCS#1 v1.5, SHA-256)
sign-no-certificate-file = { $path } has no certificate for its key
sign-no-certificate-token = the token has no certificate for its key
sign-no-certificate-token-key = the key { $id } on the token has no certificate for its key
sign-no-certificate = no signer certificate
sign-expired = the certificate of { $subject } expired on { $on }
sign-not-yet-valid = the certificate of { $subject } is valid only from { $from }
sign-key-failed = the key could not sign: { $reason }
sign-encoding = encoding the signature: { $reason }

## The token (PKCS#11)
sign-module = cannot load the PKCS#11 module `{ $path }`: { $reason }
sign-no-token = no token is plugged in (the module sees none)
sign-no-token-labelled = no token is labelled `{ $label }`; plugged in: { $found }
sign-several-tokens = several tokens are plugged in: { $found }
sign-wrong-pin = the token refused the PIN
sign-token-locked = the token is locked: too many wrong PINs
sign-pin-expired = the token's PIN has expired
sign-several-keys = the token holds several keys: { $ids }
sign-key-id = `{ $id }` is not a key id: write it in hex, e.g. `--key-id 01`
sign-token-error = the token: { $reason }
sign-token-pin-each-signature = this key wants the PIN for each signature, which vanban gives with SHA256-RSA-PKCS only: sign with `--mechanism sha256-rsa-pkcs`
sign-token-no-sha256-rsa-pkcs = the token does not offer SHA256-RSA-PKCS
sign-token-no-rsa-pkcs = the token does not offer RSA-PKCS
sign-token-no-mechanism = the token offers neither SHA256-RSA-PKCS nor RSA-PKCS

## The time-stamping authority
sign-tsa = the time-stamping authority: { $reason }
sign-tsa-not-a-response = its answer is not a time-stamp response: { $reason }
sign-tsa-refused = it refused the request (status { $status })
sign-tsa-no-token = its answer holds no token
sign-tsa-not-http = `{ $url }` is not an http:// address (time-stamps are signed by the TSA, so they are served over plain HTTP)
sign-tsa-unreachable = cannot reach { $url }: { $reason }
sign-tsa-no-http = { $url } gave no HTTP answer
sign-tsa-answered = { $url } answered `{ $status }`

## The PDF
sign-pdf-no-room = the signature takes { $size } bytes, { $room } were kept for it
sign-pdf-no-startxref = no startxref at the end of the file
sign-pdf-startxref-offset = startxref has no offset
sign-pdf-encrypted = the file is encrypted
sign-pdf-no-page = the file has { $pages } pages, the signature is on page { $page }
sign-pdf-too-large = the file is too large to sign
sign-appearance = the signature's appearance: { $reason }
sign-appearance-no-page = the signature's appearance has no page
sign-appearance-source = signature appearance
sign-image-changed = `{ $path }` is not the image the build laid out: it changed since
sign-hint-image-changed = build again (the build measures the image), then sign

## The outputs of a build
sign-no-build = `{ $path }` holds no build of vanban to sign (no readable manifest.json)
sign-hint-no-build = build first: `vanban build DATA -o FOLDER`, then `vanban sign FOLDER`
sign-copy-unsigned = `{ $path }` is a copy of a document that does not carry the signer's signature
sign-hint-copy-unsigned = sign the document with `vanban sign FOLDER --role signer` first
sign-not-signed-yet = `{ $path }` does not carry the signer's signature yet
sign-hint-not-signed-yet = the organisation signs after the signer: `vanban sign FOLDER --role signer` first
sign-changed = `{ $path }` is not as the build left it
sign-unreadable = `{ $path }` cannot be read
sign-hint-build-again = build again, then sign

## What to do
sign-hint-wrong-password = give the password in VANBAN_PIN or at the prompt; nothing was signed
sign-hint-wrong-pin = try again with the right PIN; nothing was signed (the token counts wrong PINs)
sign-hint-token-locked = unlock the token with its PUK or the CA's tool
sign-hint-certificate-dates = sign with a certificate valid today (renew it with the CA)
sign-hint-choose-token = choose one with `--token LABEL`
sign-hint-choose-key = choose one with `--key-id ID`
sign-hint-not-rsa = use an RSA certificate (Vietnamese CAs issue RSA-2048)
sign-hint-tsa = check `--tsa URL` (the CA gives its TSA's address), or sign without it (B-B); nothing was signed

## The password or PIN
sign-secret-password = password of the key file
sign-secret-pin = PIN of the token
sign-prompt = { $what }:{" "}
sign-cannot-ask = cannot ask for the { $what }: { $reason }
sign-hint-cannot-ask = set VANBAN_PIN in the environment

## What was done
sign-waiting = waiting for another vanban working in this folder…
sign-summary-signer = { $signed } file(s) signed as signer by { $subject }, { $kept } already signed as such
sign-summary-organisation = { $signed } file(s) signed as organisation by { $subject }, { $kept } already signed as such
