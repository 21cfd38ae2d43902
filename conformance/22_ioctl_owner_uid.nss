# NS_GET_OWNER_UID: EINVAL on a netns; 0 for the init userns; from init, a userns
# made by uid 1000 and a level-2 userns made below it both give 1000 (setuid
# keeps gid 0, so the parent maps uid 1000 and gid 0 for the nested unshare).
# Reference: linux-behaviour.md §2 (NS_GET_OWNER_UID rows).
init open /proc/self/ns/net as initnet => ok
init open /proc/self/ns/user as inituser => ok
init ioctl initnet NS_GET_OWNER_UID => error EINVAL
init ioctl inituser NS_GET_OWNER_UID => uid 0
init spawn t
t setuid 1000 => ok
t unshare user => ok
init write /proc/@t/uid_map "0 1000 1" => ok
init write /proc/@t/gid_map "0 0 1" => ok
init open /proc/@t/ns/user as level1 => ok
init ioctl level1 NS_GET_OWNER_UID => uid 1000
t unshare user,net => ok
init open /proc/@t/ns/user as level2 => ok
init ioctl level2 NS_GET_OWNER_UID => uid 1000
init open /proc/@t/ns/net as level2net => ok
init ioctl level2net NS_GET_OWNER_UID => error EINVAL
