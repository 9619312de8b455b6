"""`python -m clinic_ready` runs the command-line tool."""

from clinic_ready.launch import main

if __name__ == "__main__":
    main()
