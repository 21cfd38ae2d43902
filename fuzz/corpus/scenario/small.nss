init spawn t
t unshare user,net => ok
t open /proc/self/ns/net as n
init open /proc/@t/ns/net as tn
init nl newnsid fd=tn nsid=3 => ok
init nl getnsid pid=t target=0
init nl dumpnsid strict target=1
init ip -j netns list-id target-nsid 3
init mount --bind /proc/self/ns/net /run/x
init ioctl tn NS_GET_USERNS as u
init ioctl u NS_GET_OWNER_UID
t exit
init settle
