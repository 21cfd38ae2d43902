# The initial user namespace has the fixed inode number USER_NS_INIT_INO,
# 0xEFFFFFFD (4026531837). The scenario's user namespace is the initial one
# (its other namespaces are fresh, so only this one can be checked).
# Printed in hex: a program's decimal namespace numbers are normalized to
# nsN in transcripts.
# Source: kernel tools/testing/selftests/namespaces/init_ino_test.c.
init exec sh -c "printf '%x\n' $(stat -L -c %i /proc/self/ns/user)" => effffffd
init spawn t => ok
t exec sh -c "printf '%x\n' $(stat -L -c %i /proc/@init/ns/user)" => effffffd
