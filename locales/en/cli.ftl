# Messages of vanban (the command line: `--help`, its errors, the lines a
# command prints when done), English. The same ids as ../vi/cli.ftl.
#
# `cli-<command>-about`, `cli-<command>-long` and `cli-arg-<option>` (or
# `cli-<command>-<option>` where one command's option means something
# else) are found from the command tree (src/cli/help.rs); in English they
# are the words of the doc comments in src/cli/mod.rs.

## vanban
cli-about = YAML data to Vietnamese Party and state paperwork (Kế hoạch, Giấy mời, Nơi nhận) as print-ready PDF
cli-arg-lang = The language of messages and help: vi (default) or en; also VANBAN_LANG, or a locale (LANG) starting with en
cli-value-lang-vi = Tiếng Việt, the default
cli-value-lang-en = English

## Options several commands share
cli-arg-data = The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml
cli-arg-out = Folder to write the PDFs and manifest.json into (created if missing)
cli-arg-templates = Folder of templates that replace the built-in ones, file by file (same names as in the project's `templates/` folder)
cli-arg-font-path = Folder of extra fonts (e.g. a licensed Times New Roman); system fonts are never used otherwise. May be given more than once
cli-arg-allow-dir = Also read the files the data names (delegate lists) from DIR. Without it they are read only from the data file's folder and the folders inside it. May be given more than once
cli-arg-pdfa = Make every PDF PDF/A-2b, the archival form: the document, each letter and addressed copy, the print files and the distribution sheets. The same as `pdfa: true` in the data

## build
cli-build-about = Make the PDF documents described by a data file
cli-build-long =
    Make the PDF documents described by a data file.

    Reads DATA (YAML) and the delegate lists it names (CSV or Excel), checks them, and writes into the output folder: the document (for a plan: `ke-hoach.pdf`), one invitation per delegate and one print file per event under `giay-moi/`, a distribution sheet (Nơi nhận) for each, and `manifest.json`. If anything is wrong, every problem is listed with its line and nothing is written.
cli-arg-emit-typ = Also write the generated Typst source (`.typ`) next to each PDF
cli-arg-no-progress = Do not show a progress bar while letters are made
cli-arg-only = Make only these outputs (plan, invitations, recipients), e.g. `--only plan` to check the plan quickly. May be repeated
cli-value-only-plan = The document itself (the plan)
cli-value-only-invitations = Invitations, addressed copies and their print files
cli-value-only-recipients = Distribution sheets
cli-arg-force = Make every file again. Without it, a rebuild makes only the files whose data, template, preset or fonts changed, and deletes the files of delegates or events no longer in the data

## check
cli-check-about = Look for every mistake in the data before anything is printed
cli-check-long =
    Look for every mistake in the data before anything is printed.

    Loads DATA and its delegate lists as `build` does, then reads them as a careful văn thư would: deadlines and dates, delegates listed twice or without a position, text pasted from the old TCVN3 or VNI fonts, slips such as `IIDND` for `HĐND`, a weekday that does not match its date, a count whose words say another number, tone marks placed in two styles. Every problem is listed with its line and a hint; the exit code is 1 if there is an error (or, with `--deny-warnings`, a warning), else 0. `build` runs the same checks first and does not build on an error.
cli-arg-deny-warnings = Fail on warnings too
cli-check-templates = Folder of templates that replace the built-in ones (presets)
cli-done-check-clean = { $data }: no problems found ({ $events } event(s), { $delegates } delegates)
cli-done-check-problems = { $data }: { $errors } error(s), { $warnings } warning(s)

## fix
cli-fix-about = Apply the fixes `check` is certain of, in the files themselves
cli-fix-long =
    Apply the fixes `check` is certain of, in the files themselves.

    Text from the old TCVN3 or VNI fonts, abbreviation slips, the Icelandic Ð, weekdays and counts in words are corrected where they are typed (the YAML file or a CSV list); a file in decomposed Unicode is saved composed. Comments and layout stay as they are, and each file is first copied to FILE.bak. Each change is listed.
cli-fix-templates = Folder of templates that replace the built-in ones (presets)

## watch
cli-watch-about = Build, then build again each time an input is saved, until Ctrl-C
cli-watch-long =
    Build, then build again each time an input is saved, until Ctrl-C.

    Watches DATA, every delegate list it names (a list added to DATA is watched from the next save on), the `--templates` folder and the `--font-path` folders. After each build one line says how long it took and what was made. If a save has a mistake, the problems are listed as by `build`, the files from the last good build stay as they were, and the next good save builds again.
cli-arg-preview = After each good build, also draw the plan's pages as `preview-plan-<page>.png` in the output folder (see `preview`)

## preview
cli-preview-about = Draw pages as PNG images, to look at a change without a PDF viewer
cli-preview-long =
    Draw pages as PNG images, to look at a change without a PDF viewer.

    Makes the document as `build` does, then draws its pages into `OUT/preview-<doc>-<page>.png` (one image per page, or only `--page`) and prints the images' paths. Nothing else is written.
cli-arg-doc = Which document: the plan, one delegate's invitation (or one addressed copy of a meeting invitation), or the plan's distribution sheet (Nơi nhận)
cli-value-doc-plan = The main document (the plan)
cli-value-doc-invitation = One delegate's letter (Giấy mời or Giấy triệu tập), or one addressed copy of a meeting invitation
cli-value-doc-recipients = The main document's distribution sheet (Nơi nhận)
cli-arg-event = For `--doc invitation`: the event, counted from 1 in `events:` (default: the first)
cli-arg-delegate = For `--doc invitation`: the delegate, counted from 1 in the event's list (for a meeting's addressed copies: the invitee, in `meeting.invitees`)
cli-arg-page = Only this page, counted from 1 (default: every page)
cli-arg-ppi = Resolution in pixels per inch: 72 is one pixel per point, 144 is sharp on most screens
cli-preview-out = Folder to write the images into (created if missing)

## new
cli-new-about = Write a short, commented starter data file to begin from
cli-new-long =
    Write a short, commented starter data file to begin from.

    KIND is the document to make (`vanban new --list` says which there are); FILE is where to write it (default `KIND.yaml`), with the delegate list of a congress beside it. Its dates are today's; edit the names, then `vanban build FILE`. An existing file is never overwritten.
cli-arg-kind = The kind of document: ke-hoach, dai-hoi, thong-bao, giay-moi-hop
cli-arg-file = The data file to write (default: KIND.yaml)
cli-arg-preset = The Party's rules (`dang`) or the state's (`nha-nuoc`)
cli-arg-list = List the kinds, and exit

## sign
cli-sign-about = Sign the outputs of a build digitally (PAdES, for electronic issue)
cli-sign-long =
    Sign the outputs of a build digitally (PAdES, for electronic issue).

    Signs the document, every letter and addressed copy and the print files in OUT with a PKCS#12 file (`--p12`) or a key on a USB token (`--pkcs11 MODULE`). The password or PIN is read from the environment variable VANBAN_PIN or asked for; never give it on the command line. The signer signs first (`--role signer`), then the records clerk with the organisation's key (`--role organisation`); the second signature leaves the first valid. A file already signed in the role is left as it is; if anything fails, no file changes.
cli-sign-out = The output folder of `vanban build`
cli-arg-p12 = The PKCS#12 file (`.p12`, `.pfx`) with the key and its certificate
cli-arg-pkcs11 = The PKCS#11 module of the token (e.g. `/usr/lib/libeToken.so`)
cli-arg-token = The token's label, when several are plugged in
cli-arg-key-id = The key's id on the token (CKA_ID, hex), when it holds several
cli-arg-mechanism = How the token signs (default: sha256-rsa-pkcs if it offers it): `rsa-pkcs` for a token whose own SHA-256 fails
cli-value-mechanism-sha256-rsa-pkcs = `CKM_SHA256_RSA_PKCS`: the token hashes and signs
cli-value-mechanism-rsa-pkcs = `CKM_RSA_PKCS` over the DigestInfo of a SHA-256 vanban computes: for tokens whose own SHA-256 mechanism fails (some SafeNet eTokens through OpenSC)
cli-arg-role = Who signs: the signer, then the organisation
cli-value-role-signer = The signer's own signature (người có thẩm quyền)
cli-value-role-organisation = The organisation's signature, after the signer's (văn thư)
cli-arg-tsa = A time-stamping authority (`http://…`, from the CA): each signature gets its RFC 3161 token (PAdES B-T)

## clap's own words, which only the Vietnamese help replaces (in English
## clap writes them itself)
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-usage-heading = Usage:
cli-usage-options = [OPTIONS]
cli-command-name = COMMAND
cli-help = Print help (`-h` a summary, `--help` all of it)
cli-version = Print version
cli-help-about = Print this message or the help of the given subcommand(s)
cli-values = [possible values: { $values }]
cli-values-heading = Possible values:
cli-default = [default: { $value }]

## Mistakes in the command line (in English clap says them itself)
cli-error-unknown-argument = there is no option `{ $arg }`
cli-error-unknown-command = there is no command `{ $command }`
cli-error-value-missing = `{ $arg }` needs a value
cli-error-invalid-value = `{ $value }` is not a value for `{ $arg }`
cli-error-missing = missing: { $args }
cli-error-no-command = say which command to run
cli-error-conflict = `{ $arg }` cannot be used with `{ $other }`
cli-error-other = the command line is wrong: { $reason }
cli-hint-did-you-mean = did you mean `{ $suggestion }`?
cli-hint-values = the values are: { $values }
cli-hint-usage = usage: { $usage }; `--help` says more
