from consist.cli import main

main()
