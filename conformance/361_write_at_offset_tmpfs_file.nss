# A regular file written at position N is overwritten from N on and grows
# where the write goes past its end.
# Source: POSIX write after lseek, as dd's seek=N does it. Probed on tmpfs.
init open /run/f as f wronly,creat => ok
init close f => ok
init write /run/f abcdefgh => ok
init write /run/f XY at 2 => ok
init cat /run/f => abXY | fgh
init write /run/f 0123456789 at 7 => ok
init cat /run/f => abXY | fg0123456789
