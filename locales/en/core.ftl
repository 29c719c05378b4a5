# Common messages of vanban, English: how a problem is printed, errors in
# reading and writing files. The same ids as ../vi/core.ftl, each with the
# same arguments.

## How a problem is printed
diag-error = error
diag-warning = warning
diag-hint = hint: { $text }
diag-errors-nothing-written = { $count } errors; nothing was written

## Reading and writing files
read-failed = cannot read `{ $path }`: { $reason }
write-failed = cannot write `{ $path }`: { $reason }
read-hint-not-found = check the path; it is relative to the current folder
read-hint-permission = you do not have permission to read it
write-hint-disk-full = the disk is full: make room on it and build again; nothing was replaced
write-hint-folder = check that the output folder exists and is writable; nothing was replaced

## Why the operating system refused
io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-storage-full = No space left on device
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-read-only = Read-only file system
io-invalid-data = invalid data
problems-found = { $count } problem(s) found

## Input files (lists, images, templates, fonts)
input-not-a-file = `{ $path }` is { $what }, not a file
input-too-large = `{ $path }` is { $size }, more than the { $limit } a file of this kind may have
input-kind-folder = a folder
input-kind-fifo = a FIFO (named pipe)
input-kind-socket = a socket
input-kind-device = a device
input-kind-other = not a regular file
input-outside-folder = `{ $path }` is outside the folder { $folder }
input-outside-folder-leads = `{ $path }` is outside the folder { $folder } (it leads to `{ $lead }`)
input-outside-folders = `{ $path }` is outside the folders { $folders }
input-outside-folders-leads = `{ $path }` is outside the folders { $folders } (it leads to `{ $lead }`)
input-size-bytes = { $bytes } bytes
input-hint-too-large = check that this is the right file
input-hint-saved-file = give the path of a saved file
