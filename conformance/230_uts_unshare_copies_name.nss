# A new uts namespace starts with a copy of the creator's names, and each
# side changes its own afterwards. The scenario's root starts as "(none)",
# so a fresh uts namespace made from it is "(none)" too.
# Reference: probed on the reference kernel.
init hostname => (none)
init spawn a => ok
a unshare uts => ok
a hostname => (none)
init hostname box => ok
init spawn t => ok
t unshare uts => ok
t hostname => box
t hostname inner => ok
t hostname => inner
init hostname => box
a hostname => (none)
