# The initial user namespace has the fixed inode number USER_NS_INIT_INO,
# 0xEFFFFFFD (4026531837). The scenario's user namespace is the initial one
# (its other namespaces are fresh, so only this one can be checked).
# Source: kernel tools/testing/selftests/namespaces/init_ino_test.c.
init exec stat -L -c %i /proc/self/ns/user => 4026531837
init spawn t => ok
t exec stat -L -c %i /proc/@init/ns/user => 4026531837
