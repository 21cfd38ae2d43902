# A walk through /proc/PID/fd/N lands on the (mount, inode) the file was
# opened at, and does not enter a mount stacked there since (nd_jump_link);
# mounts further down are crossed as usual. umount through such a link
# takes the mount on top (LOOKUP_MOUNTPOINT). A walk starts at the task's
# root, which a mount stacked on "/" later does not move.
# Reference: probed on the reference kernel (netns diff).
init mkdir /run/d => ok
init touch /run/d/under => ok
init mkdir /run/d/sub => ok
init mkdir /run/s => ok
init touch /run/s/deeper => ok
init mount --bind /run/s /run/d/sub => ok
init open /run/d as d => ok
init mount --bind /run/netns /run/d => ok
init ls /run/d =>
init ls /proc/self/fd/%d => sub | under
init stat /proc/self/fd/%d/under => file
init ls /proc/self/fd/%d/sub => deeper
init mkdir /proc/self/fd/%d/made => ok
init ls /run/netns =>
init umount /proc/self/fd/%d => ok
init ls /run/d => made | sub | under
init touch /run/f => ok
init write /run/f under => ok
init open /run/f as f => ok
init touch /run/g => ok
init write /run/g over => ok
init mount --bind /run/g /run/f => ok
init cat /run/f => over
init cat /proc/self/fd/%f => under
init mkdir /run/x => ok
init mount --bind /run/x / => ok
init stat /proc/self/ns/net => ino ns1
init ls /run/x =>
