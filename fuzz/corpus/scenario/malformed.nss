init write /run/x "a \" b" # c
init bogus
