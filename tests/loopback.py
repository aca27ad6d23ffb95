"""Real servers the tests start on loopback, one per test process on a port of its own; a
test may stop one (a server that is down) and it is started again for the next."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackServer:
    def __init__(self):
        self.port = free_port()
        self.server = None

    def serve(self):
        """Start the server on self.port; returns what `stop()` is later called on."""
        raise NotImplementedError

    def start(self) -> None:
        self.server = self.serve()

    def running(self) -> None:
        if self.server is None:
            self.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
