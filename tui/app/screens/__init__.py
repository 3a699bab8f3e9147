"""The app's screens, one module each: dashboard, members, contributions, years, audit."""
