from .cli import cli

if __name__ == "__main__":         # worker processes started by "spawn" import this module
    cli(prog_name="dispatches")
