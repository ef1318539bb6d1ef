from plaint.cli import main

main()
