"""``python -m clinic_ready.compact``: (re)make the ready-made copies of the shipped checklists."""

from clinic_ready.compact.build import main

main()
