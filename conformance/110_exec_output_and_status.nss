# A program's standard output comes back as lines, its standard error as
# "stderr: TEXT" lines after them, a non-zero exit status as "exit N". A
# program not on /usr/sbin:/usr/bin:/sbin:/bin exits 127, as a shell says.
init exec sh -c "echo one; echo two; echo oops >&2; exit 3" => one | two | stderr: oops | exit 3
init exec true =>
init exec false => exit 1
init exec no-such-program-anywhere => exit 127
init exec sh -c "kill -TERM $$" => exit 143
