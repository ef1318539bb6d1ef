from plaint.cli_fast import main

main()
