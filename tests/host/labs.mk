# The labs (docs/labs/): student trees and the grader, both in tools/lab.
#
#   make lab-skeleton LAB=N DEST=DIR   DIR gets this tree with lab N's solutions replaced by stubs
#   make grade LAB=N                   build, run lab N's graded checks, print "Score: X/Y"
#
# In a skeleton, `make grade` alone grades the lab the skeleton was made for.

.PHONY: lab-skeleton grade

lab-skeleton:
	@test -n "$(LAB)" -a -n "$(DEST)" || { echo "usage: make lab-skeleton LAB=N DEST=DIR"; exit 2; }
	$(PYTHON) tools/lab skeleton $(LAB) $(DEST)

grade:
	$(PYTHON) tools/lab grade $(LAB)
