# Messages of vanban (two A5 letters on one A4 sheet), English. The same ids as ../vi/print.ftl.

## Checking `print:` and `cut_line:` under an event's `invitation:`
print-two-up-not-a5 = `print: two-up` is for A5 letters, and these letters are A4
print-two-up-not-a5-hint = two-up puts two A5 letters side by side on one A4 sheet: add `paper: a5`, or write `print: single`
print-cut-line-single = `cut_line` is only for `print: two-up`
print-cut-line-single-hint = the cut line runs between the two letters of a sheet: add `print: two-up` (with `paper: a5`), or drop `cut_line`

## Laying the letters two to a sheet
print-two-up-too-long = the letter to { $name } is { $pages } A5 pages long, and two-up lays one page of each letter in each half of an A4 sheet
print-two-up-too-long-others = ({ $count ->
    [one] and { $count } other letter
   *[other] and { $count } other letters
})
print-two-up-too-long-hint = shorten the letter so that it fits on one A5 page (fewer schedule lines or notes), or write `print: single`
print-no-media-box = a page without a media box
print-page-too-large = a page of { $width } × { $height } pt does not fit on half an A4 sheet
