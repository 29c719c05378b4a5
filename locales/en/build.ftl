# Messages of vanban (build, preview, watch, new), English. The same ids as ../vi/build.ftl.

## What a build made
build-summary = { $documents } document(s), { $sheets } recipient sheet(s)
build-summary-copies = { $documents } document(s), { $copies } addressed copies and their print file, { $sheets } recipient sheet(s)
build-summary-letters = { $documents } document(s), { $letters } letters for { $delegates } delegates ({ $summonses } triệu tập, { $invited } mời), { $prints } print file(s), { $sheets } recipient sheet(s)
build-summary-copies-letters = { $documents } document(s), { $copies } addressed copies and their print file, { $letters } letters for { $delegates } delegates ({ $summonses } triệu tập, { $invited } mời), { $prints } print file(s), { $sheets } recipient sheet(s)
build-progress-letters = letters
build-waiting = another vanban build is writing into { $path }; waiting for it to finish
build-only-damaged = { $count } file(s) of the last build are missing or were changed since, e.g. `{ $path }`; `--only` does not make them
build-hint-only-damaged = run `vanban build` without `--only` to make them again
build-remade-one = 1 file(s) of the last build were missing or had been changed since, and were made again: `{ $path }`
build-remade = { $count } file(s) of the last build were missing or had been changed since, and were made again: `{ $path }` and { $more } more
build-changed-by-hand = `{ $path }` was changed or removed since the last build, and the print file needs it
build-hint-force = run `vanban build --force` to make every file again

## The preset
build-preset-no-edition = the preset `{ $name }` has no edition for a document dated { $date }
build-preset-not-styles = the preset `{ $name }` chooses `{ $chosen }`, which is not a preset of styles
build-no-preset = there is no preset `{ $name }`
build-hint-presets = available presets: { $names }
build-tone-style-failed = `tone_style` could not be applied to the data: { $reason }

## When a part of the build fails
build-main-failed = making the main document failed unexpectedly
build-event-failed = working out an event failed unexpectedly
build-sheet-failed = making the distribution sheet failed unexpectedly
build-checks-failed = the checks of the data failed unexpectedly
build-stopped = the build stopped: the data has errors
build-sheet-unreadable = the PDF of a distribution sheet could not be read back
build-sheet-page-missing = a page of the sheet was not made
build-sheet-old-page-gone = a page of the last sheet is gone
build-letters-not-produced = { $missing } of { $total } letters of `{ $title }` were not produced: { $list }
build-copies-not-produced = { $missing } of { $total } addressed copies of `{ $title }` were not produced: { $list }
build-hint-letter-marker = a template override may have dropped the letter marker (#metadata(…) <vanban-letter>)
build-sign-boxes-main = the layout measured { $found } of the { $expected } places of signature and seal images in the main document
build-sign-boxes-letter = the layout measured { $found } of the { $expected } places of signature and seal images in { $title }
build-hint-sign-boxes = a template override may have dropped the signature marks (`sign-mark` and `sign-boxes` in layout/vanban.typ), or the signer's title and name are on different pages
build-source-letters = { $name } (letters)
build-source-copies = { $name } (copies)

## File names
build-no-file-name = this gives the document no file name: it has no letter or digit
build-hint-no-file-name = set `document.file` to a name made of letters or digits, e.g. `file: ke-hoach`
build-no-folder-name = `{ $text }` gives the letters of events[{ $index }] no folder name: it has no letter or digit
build-hint-no-folder-name = give the event a name for its files: `file: dai-hoi-chi-bo-02` under the event
build-folder-of-copies = `{ $text }` would write its letters to `giay-moi/{ $name }/`, where the addressed copies of the invitation go
build-hint-folder-of-copies = give the event its own name for its files: `file: { $name }-2` under it
build-label-invitation-name = the invitation's name
build-same-folder = `{ $text }` and `{ $first }` would write their letters to the same folder `giay-moi/{ $name }/`
build-hint-same-folder = file names drop diacritics and signs; give one of the two events its own name for its files: `file: { $name }-2` under it
build-label-first-name = the first to use that name

## The output folder
output-changes = { $changed } changed, { $added } added, { $removed } removed, { $unchanged } unchanged
output-committed = { $count } file(s) and manifest.json in { $path }: { $changes }
output-no-lock = `{ $path }` cannot be locked ({ $reason }): do not run two builds into it at once
output-interrupted-cannot-undo = the last build into `{ $path }` was interrupted while it replaced files, and they cannot be put back: { $reason }
output-hint-interrupted-cannot-undo = make the folder writable and build again, or delete the folder `{ $path }` and build again
output-interrupted-undone = the last build into `{ $path }` was interrupted while it replaced files; the files of the build before it were put back
output-journal-damaged = `{ $path }` was damaged and is ignored; every file is checked against its manifest
output-in-the-way-file = cannot write `{ $path }`: { $what ->
        [link] a link
        [folder] a folder
       *[file] a file
    } stands where the build puts the file it
output-in-the-way-folder = cannot write `{ $path }`: { $what ->
        [link] a link
        [folder] a folder
       *[file] a file
    } stands where the build puts a folder for it
output-hint-in-the-way = move or delete `{ $path }`, then build again; nothing was replaced
output-undo-failed = { $failed }; putting back the files already replaced in `{ $path }` failed too: { $reason }
output-hint-undo-failed = make the folder writable and run the build again: it first puts back the files of the last good build
output-staged-damaged = a staged entry is damaged

## Joining PDF files
pdf-batch-page-missing = a page of the batch is missing
pdf-old-page-missing = a page of the last file is missing
pdf-old-file-changed = the last file is not as it was written
pdf-part-loop = a PDF part refers to itself
pdf-part-missing = a part of the PDF is missing
pdf-pdfa-mixed = a part that is PDF/A cannot be joined with one that is not (or is of another PDF/A level)
pdf-pdfa-info = the document information of the parts cannot be written as PDF/A metadata

## Typesetting and templates
typeset-generated = { $name } → main.typ (generated)
typeset-pdfa = PDF/A-2b: { $reason }
typeset-pdf-export = PDF export: { $reason }
typeset-hint-pdfa = PDF/A-2b was asked for (`--pdfa`, or `pdfa: true` in the data), and it does not allow this; a seal or logo is a PNG or SVG image, not a PDF
typeset-trace = { $what } at { $file }:{ $line }
typeset-glyph-missing = character `{ $shown }` ({ $codes }) is not in the font `{ $family }`
typeset-glyph-fallback = character `{ $shown }` ({ $codes }) would be drawn from the fallback font `{ $family }`, not from { $allowed }
typeset-hint-glyph-text = it is in the text “{ $text }”
typeset-hint-glyph = replace the character in the data, or pass --font-path with a font of the preset's family that has it
render-write-failed = cannot write output
render-no-template = no template `{ $name }`: { $reason }
render-hint-no-template = the built-in templates are embedded; check --templates
render-template = template `{ $name }`: { $reason }
render-template-error = template error: { $reason }
render-hint-template-error = the template is wrong, not the data; fix it or drop it from --templates
render-number-range = number out of range
render-number-not-finite = a number that is not finite cannot go into Typst
render-value-kind = a value of kind { $kind } cannot go into Typst

## vanban preview
preview-no-event = there is no event { $n }
preview-hint-no-events = the data has no events, so no invitations
preview-hint-events = the data has { $count } event(s); give --event 1 to { $count }
preview-no-delegates = the data has no event with delegates, so no invitations
preview-hint-no-delegates = add an event with its delegates under `events:`
preview-no-delegate = `{ $title }` has { $count } delegate(s); there is no delegate { $n }
preview-hint-delegate = give --delegate 1 to { $count } (the position in the list)
preview-no-letter = no letter was generated for delegate { $n } of `{ $title }`
preview-no-copy = the invitation has { $count } addressed copies; there is no copy { $n }
preview-hint-copy = give --delegate 1 to { $count } (the invitee's place in `meeting.invitees`)
preview-no-page = there is no page { $n }: the document has { $count } page(s)
preview-hint-page = give --page 1 to { $count }, or leave it out for every page
preview-ppi = --ppi { $ppi } is out of range
preview-hint-ppi = give { $min } to { $max } pixels per inch: 72 is one pixel per point, 144 is sharp on most screens
preview-encode = cannot encode page { $page } as PNG: { $reason }

## vanban watch
watch-start = { $watching }; press Ctrl-C to stop
watch-watching-one = watching { $last }
watch-watching = watching { $names } and { $last }
watch-folder = folder { $path }
watch-built = built in { $ms } ms: { $changes }; { $summary }
watch-rebuilt = rebuilt in { $ms } ms ({ $files } changed): { $changes }; { $summary }
watch-failed = build failed after { $ms } ms; the last good files in { $path } are kept. Watching for the next save.
watch-failed-changed = build failed after { $ms } ms ({ $files } changed); the last good files in { $path } are kept. Watching for the next save.
watch-preview = preview in { $ms } ms: { $pages } page(s), { $files }
watch-lost-events = unknown files (the watcher lost events)
watch-cannot-watch = cannot watch files: { $reason }
watch-cannot-watch-dir = cannot watch `{ $path }`: { $reason }
watch-hint-build-instead = use `vanban build` after each change instead
watch-hint-max-watches = the system's limit of watched folders is reached; on Linux raise it with `sysctl fs.inotify.max_user_watches=524288`
watch-stopped = the file watcher stopped
watch-hint-stopped = start `vanban watch` again

## vanban new
new-kind-ke-hoach = a plan (Kế hoạch)
new-kind-dai-hoi = a congress plan with an invitation for each delegate of its list (CSV)
new-kind-thong-bao = a notice (Thông báo)
new-kind-giay-moi-hop = a meeting invitation (Giấy mời họp) with a copy for each invitee
new-list-line = { $what } (--preset { $presets })
new-wrote = wrote { $path }
new-no-kind = there is no starter of kind `{ $kind }`
new-hint-kinds = the kinds are: { $kinds }; `vanban new --list` says what each makes
new-no-preset = the starter `{ $kind }` has no file for `--preset { $preset }`
new-hint-presets = it has: --preset { $presets }
new-exists = `{ $path }` exists: vanban new never writes over a file
new-hint-exists = give another name: `vanban new KIND FILE.yaml`
