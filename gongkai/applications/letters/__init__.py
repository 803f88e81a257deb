"""Letters of a case (回执, 补正告知书, 延期答复告知书, 征询函, 收费通知书, 答复书): wording in
defaults.py (overridable per organ), filled by render.py, written by output.py."""
