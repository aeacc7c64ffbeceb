"""Views of applications: the applicant's pages (applicant.py) and the funder's (staff.py);
urls.py joins them."""
