# Messages of vanban (check), English. The same ids as ../vi/check.ftl.
# `vanban check` (src/check/), `vanban fix` (src/fix.rs) and characters
# that do not show what they are (src/chars.rs).

## The data file as typed
check-decomposed = the data file has text in decomposed Unicode (letters and their marks apart)
check-decomposed-hint = it is read as composed (NFC), so it prints and sorts right; save the file as NFC to compare it with others

## Dates, deadlines and durations
check-meeting-before-invitation = the meeting is on { $meeting }, before the invitation is issued ({ $issued })
check-meeting-before-invitation-hint = check the meeting's `date` and the document's `date`
check-deadline-before-document = `{ $unit }` must hold its congress by { $deadline }, before the date of the { $kind } itself ({ $date })
check-deadline-before-document-hint = check the deadline and the document's date
check-event-after-deadline = `{ $title }` is on { $date }, after its unit's deadline ({ $deadline })
check-event-after-deadline-hint = move the congress before { $deadline }, or correct `deadline` of unit `{ $unit }`
check-event-too-long = `{ $title }` lasts { $days } days; its unit's congress may last at most { $max }
check-event-too-long-hint = shorten it, or correct `max_days` of unit `{ $unit }`
check-item-outside-event = `{ $item }` is set for { $date }, outside the congress ({ $from } to { $to })
check-item-outside-event-hint = correct the item's date, or the congress's `date` and `days`
check-invitation-after-event = the invitations to `{ $title }` are dated { $date }, after the congress ({ $event })
check-invitation-after-event-hint = an invitation is sent before the event: correct `invitation.date`

## Delegates
check-delegate-twice = `{ $name }` is listed twice in { $source }: { $first } and { $second }
check-delegate-twice-unit = `{ $name }` ({ $unit }) is listed twice in { $source }: { $first } and { $second }
check-delegate-twice-hint = delete one of the two rows; if they are two people, tell them apart by their unit
check-no-position = `{ $name }` has no position (Chức vụ) in { $source }
check-no-position-hint = the letter then gives the name alone; add the position
check-no-positions = { $count } delegates of { $source } have no position (Chức vụ): { $names }
check-no-positions-more = { $count } delegates of { $source } have no position (Chức vụ): { $names } and { $more } more
check-no-positions-hint = their letters then give the name alone; add the positions
# A row of a delegate list, in the messages above.
check-row = row { $row }
check-place-row = in { $file }, row { $row }
check-place-sheet-row = in { $file }, sheet `{ $sheet }`, row { $row }

## The words of the texts
check-hint-write = write `{ $text }`
check-tone-mix = tone marks are placed in two styles: `{ $old }` (old style) and `{ $new }` (new style)
check-tone-mix-hint = a document keeps to one style: write them alike, or set `tone_style: old` (or `new`) under `document:` to print one style (both are correct; Party and state documents mostly use the old style)
check-legacy-tcvn3 = `{ $text }` is text typed for the old TCVN3 (ABC, .VnTime) font, read as Unicode
check-legacy-vni = `{ $text }` is text typed for the old VNI (VNI-Times) font, read as Unicode
check-eth = `{ $text }` has the Icelandic letter Ð/ð (U+00D0/U+00F0), not the Vietnamese Đ/đ
check-abbreviation = `{ $word }` is a slip for `{ $right }`
# $weekday: Mon … Sun; $right: the day as Vietnamese writes it (thứ Sáu).
check-weekday = { $date } is a { $weekday } ({ $right }), not { $written }
check-count = `{ $text }` says { $figures } in figures but { $words } in words

## The format rules of the preset ($preset: its description)
check-body-code-retired = `{ $code }` is no longer a body code under { $preset }
check-body-code-unknown = `{ $code }` is not a body code of { $preset }
check-body-code-nearest-hint = did you mean `{ $code }` ({ $what })? the preset knows: { $known }
check-body-code-unknown-hint = the preset knows: { $known }; an advisory body's code stands before its committee's (`BTGDVTU`)
check-ending = the text ends with `./.`: under { $preset } a text ends with `{ $end }`
check-ending-hint = end it with `{ $end }`
check-preset-replaced = the document is dated { $date }, but `preset: { $preset }` lays it out by a guideline no longer in force: { $note }
check-preset-replaced-hint = lay it out by the rules of its date: `preset: { $by }`

## The signature ($printed: a prefix as the preset prints it, `TM.`)
check-prefix-in-body = `{ $first }` in the signer's body is printed by the preset from `mode:` ({ $printed } for `mode: { $mode }`); typed here it is printed twice
check-prefix-in-title = `{ $first }` in the signer's title is printed by the preset from `mode:` ({ $printed } for `mode: { $mode }`); typed here it is printed twice
check-hint-write-body = write `body: { $body }`
check-hint-write-body-mode = write `body: { $body }` and `mode: { $mode }`
check-hint-write-title-mode = write `title: { $title }` and `mode: { $mode }`
check-second-authority-in-body = `{ $second }` starts a second authority line inside `body:`: write the lines as a list, so that each gets its prefix and its rules
check-second-authority-in-body-hint = write `{ $yaml }` in place of `mode:` and `body:`
check-hint-write-authority-title = write `{ $yaml }` and `title: { $title }`
check-hint-write-authority-deputy = write `{ $yaml }` and the signer's own title, e.g. `title: PHÓ { $rest }`
check-hint-write-authority-acting = write `{ $yaml }` and no `title:` (the acting head's line is the title)
check-hint-write-authority-own = write `{ $yaml }` and the signer's own title
check-kt-collective = `{ $kt } { $body }`: { $body } is a collective body, for which a deputy signs { $tm } ({ $preset })
check-kt-collective-hint = write `mode: tm` ({ $tm } { $body }); { $kt } is for the deputy of an advisory or support body
check-kt-under-collective = `{ $tm } { $above }` / `{ $kt } { $body }`: under a collective body a deputy signs { $tm } with their own title, without a { $kt } line ({ $preset })
check-kt-under-collective-hint = write one line, `mode: tm` and `body: { $above }`, and keep `title: { $title }`
check-chain-unknown = `{ $first } { $body1 }` / `{ $second } { $body2 }` is not a two-line authority of { $preset }
check-chain-one-line-hint = sign with one authority line
check-chain-allowed-hint = two lines are written { $allowed }
# Two ways of writing two authority lines, in the hint above.
check-chain-or = { $list } or { $next }
check-title-repeats-body = the signer's title `{ $title }` repeats the body `{ $body }` printed above it
check-academic-title = `{ $name }`: the signer's name is written without academic titles such as `{ $title }`

## Nơi nhận
check-archive-empty = the archive line of this Nơi nhận prints `{ $word }` alone, without who keeps the copy
check-archive-empty-hint = name the office that files it, e.g. `archive: Văn phòng Huyện ủy` (state practice: `archive: VT, …`)
check-archive-word-typed = `{ $word }` is printed before the archive line by the preset; typed here it is printed twice
check-archive-in-list = `{ $text }` is the archive copy: it goes under `archive:`, which the preset prints last
check-archive-in-list-hint = move it to `archive:` and delete this line

## Dates in the text
check-date-zeros = `{ $date }` is written `{ $right }`: a day below 10 and the months 1 and 2 take a leading zero, other months none

## Characters that do not show what they are (src/chars.rs)
check-char-control = a control character
check-char-bidi = a character that reverses or reorders the text after it
check-char-invisible = an invisible character
# A long text cut short in a message.
check-char-clipped = { $text }… ({ $count } characters in all)

## vanban fix
fix-outside = not rewritten: { $file } is outside the folder of { $data }; make these { $count } change(s) there by hand:
fix-rewrote = rewrote { $file } (the old one is { $backup })
fix-nothing = { $data }: nothing to fix
fix-summary = { $changes } change(s) in { $files } file(s); `vanban check` lists what is left
