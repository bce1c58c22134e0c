"""Builds as setup.cfg says, plus ``moto_nimble.pth`` at the top of site-packages:
it makes moto serve nimble without ``import moto_nimble`` (see _moto_nimble_autoload.py)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "moto_nimble.pth"


class BuildPyWithPth(build_py):
    def run(self) -> None:
        super().run()
        self.copy_file(
            str(Path(__file__).parent / PTH), str(Path(self.build_lib) / PTH)
        )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / PTH)]


setup(cmdclass={"build_py": BuildPyWithPth})
