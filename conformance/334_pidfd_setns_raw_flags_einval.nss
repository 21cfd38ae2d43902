# setns() on a pidfd with flags that are no namespace type is EINVAL: -1,
# CLONE_VM (0x100), CLONE_NEWUSER|CLONE_VM, CLONE_NEWNET|CLONE_VM; net alone works.
# Source: kernel selftests pidfd/pidfd_setns_test.c, invalid_flags. Probed:
# pending/probe/setns_raw_nstype.c (needs: a raw nstype in setns, not in SCENARIOS.md).
init pidfd init as self => ok
init setns self -1 => error EINVAL
init setns self 0x100 => error EINVAL
init setns self 0x10000100 => error EINVAL
init setns self 0x40000100 => error EINVAL
init setns self net => ok
