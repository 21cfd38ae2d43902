# ip 6.1 details: an empty word matches no command (matches() in lib/utils.c:
# `ip netns ""` is unknown, exit 255); its JSON writer escapes only tab,
# newline, CR, form feed, backspace, backslash and quote, and writes any
# other byte of a name as it is (here 0x01 and CR).
# Reference: iproute2 6.1 source (lib/utils.c, lib/json_writer.c); probed.
init ip netns "" => stderr: Command "" is unknown, try "ip netns help". | exit 255
init ip netns add "ab" =>
init ip netns add "gh" =>
init ip netns add "t	u" =>
init ip -j netns list => [{"name":"t\tu"},{"name":"g\rh"},{"name":"ab"}]
