import pytest

from tests.background.processes import Process


@pytest.fixture
def processes():
    """Processes a test starts (tests.background.processes.Process), killed when it ends."""
    started: list[Process] = []
    yield started
    for process in started:
        process.stop()
        print(f"--- {process.log_path.name}\n{process.output()[-3000:]}")
