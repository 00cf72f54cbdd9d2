from iafr.cli import main

main()
