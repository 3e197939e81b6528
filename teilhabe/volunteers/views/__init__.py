"""Views of volunteering by purpose: open roles and offers to help, engagement (profiles,
assignments, hours, matching), trainings and certificates, and the translation help."""
