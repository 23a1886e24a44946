"""Test-session settings shared by unit tests and notebook kernels (which inherit the env)."""
import os

# Exercise checks in notebooks run under nbval must not write to the learner's progress file.
os.environ["CHENGYU_PROGRESS"] = "off"
os.environ.setdefault("PYTHONHASHSEED", "0")
