from lawtool.cli import main

main()
