# Messages of vanban (view), English. The same ids as ../vi/view.ftl.
# What makes a document unprintable, found while it is laid out
# (src/view/).

## The document
view-type-unknown = unknown document type code `{ $code }`
view-type-nearest-hint = did you mean `{ $code }` ({ $names })? the preset knows: { $known }
view-type-unknown-hint = the preset knows: { $known }, or a type's name
view-unit-id-twice = unit id `{ $id }` is used twice
view-unit-id-twice-hint = unit { $unit } already has this id; ids must be unique
view-meeting-and-body = a meeting invitation has `meeting:` for its body, and this file has `body:` too
view-meeting-and-body-hint = keep `meeting:` for an invitation, or `body:` for a plan, a notice or a report
view-no-body = the document has no `body:`
view-no-body-hint = write its text under `body:` (or `meeting:` for a meeting invitation)

## The signature
view-sign-mode-and-authority = both `mode:` and `authority:` say how the signer signs
view-sign-mode-and-authority-hint = keep `authority:` (a line for each `mode` and `body`) and delete `mode:` and `body:`
view-sign-no-mode = the signature does not say how the signer signs
view-sign-no-mode-hint = add `mode:` (`mode: tm` and `body: BAN THƯỜNG VỤ`; `mode: none` for a signer in their own name), or `authority:` for two lines
view-sign-mode-needs-body = signing mode `{ $mode }` needs the body signed for
view-sign-mode-needs-body-hint = add `body:`, e.g. `body: BAN THƯỜNG VỤ`
view-sign-no-title = the signature has no title
view-sign-no-title-hint = write the signer's title, e.g. `title: BÍ THƯ` (`title: PHÓ CHỦ TỊCH` under `KT. CHỦ TỊCH`)
view-sign-too-many-lines = { $count } authority lines: a signature has one or two
view-sign-too-many-lines-hint = keep the body signed for and the head signed for (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`)
view-sign-none-line = `mode: none` is not an authority line
view-sign-none-line-hint = leave the line out; a signer in their own name has only `title:` and `name:`
view-sign-line-no-body = authority line { $line } has no body signed for
view-sign-line-no-body-hint = write what it signs for, e.g. `body: CHỦ TỊCH`
# $preset: the preset's description; $how: the preset's own words.
view-sign-mode-not-used = { $preset } does not sign with `mode: { $mode }`
view-sign-modes-instead-hint = { $how }; it signs with { $modes }
view-sign-modes-hint = it signs with { $modes }

## Times of day
view-time-bad = `{ $value }` is not a time of day
view-time-part-of-day-hint = write the time on the 24-hour clock without the part of the day: `13:30`, not `1:30 chiều` (the letter says the part of the day itself)
view-time-hint = write times as HH:MM on the 24-hour clock, e.g. 07:30 or 14:00 (also 7h30, 14h)

## A meeting invitation
view-meeting-no-invitees = the meeting invites no one
view-meeting-no-invitees-hint = list who is invited, e.g. `invitees: [Lãnh đạo Sở Tư pháp, {"{"} person: Lò Văn Minh, position: Chủ tịch UBND xã {"}"}]`

## The body: schedules, headings, tables, units
view-schedule-limits-differ = `{ $first }` and `{ $other }` do not share their time limits ({ $first_days } days before { $first_deadline } vs { $other_days } days before { $other_deadline })
view-schedule-limits-differ-hint = a schedule line prints one deadline and one duration: give each unit its own `schedule:` line
view-headings-too-deep = headings nested { $level } deep, but the preset styles only { $styled } levels
view-headings-too-deep-hint = use a `dash:` list for the deepest level, or add a heading style to the preset
view-table-rows-and-file = the table has both `rows:` and `file:`
view-table-rows-and-file-hint = keep one: the rows typed here, or the file they are read from
view-table-numbered-twice = the table's first column is `{ $column }` already: `numbered: true` would add another
view-table-numbered-twice-hint = leave out `numbered: true`, or the table's own numbering column
view-table-no-columns = the table has no `columns:`
view-table-no-columns-hint = name the columns, e.g. `columns: [Nội dung, Đơn vị chủ trì, Thời gian]`
view-table-row-too-long = the row has { $cells } cells, the table { $columns } columns
view-table-columns-hint = columns: { $columns }
view-table-file-row-too-long = row { $row } of the file has more cells than the table's { $columns } columns
view-table-file-rows-too-long = row { $row } of the file has more cells than the table's { $columns } columns (and { $more } more rows)
view-table-file-columns-hint = columns: { $columns }; name every column in `columns:`, or leave it out to take the file's header row
view-table-widths-count = { $widths } widths for { $columns } columns
view-table-widths-count-hint = give one width per column (not counting the numbering column)
view-table-width-zero = a column width must be more than 0
view-table-width-zero-hint = widths are relative: `[6, 3, 2]` makes the first column twice the second
view-unit-unknown = no unit has the id `{ $id }`
view-unit-nearest-hint = did you mean `{ $unit }`? units: { $units }
view-unit-unknown-hint = units: { $units }
view-unit-kind-missing = the preset has no words for unit kind `{ $kind }`
view-unit-kind-missing-hint = add it under `unit_kinds:` in the preset
