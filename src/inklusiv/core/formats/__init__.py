"""Date and number formats of our own (FORMAT_MODULE_PATH): English pages of a German platform
show European dates and a 24-hour clock, not Django's US defaults ("Dec. 4, 2026, 1:55 p.m.")."""
