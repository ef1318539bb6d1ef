from plaint.commands.entry import main

main()
