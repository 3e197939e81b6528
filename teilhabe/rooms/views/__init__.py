"""Views of the rooms app by purpose: seeing the house (grid, day view, use figures),
booking (with the free-room finder) and the semester planner. Each module lists its own URL
patterns; urls.py joins them."""
