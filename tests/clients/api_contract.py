"""Runs schemathesis against the real server's OpenAPI document: generated requests to
every documented operation must get no 5xx and only responses that conform to the
document (status codes, content types, bodies).

    python tests/clients/api_contract.py target/debug/clearinghouse
"""

import os
import subprocess
import sys

from clearinghouse import Clearinghouse

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)


def main():
    binary = sys.argv[1]
    max_examples = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50")
    house = Clearinghouse(binary)
    result = None
    try:
        house.seed()
        house.start()
        result = subprocess.run(
            [
                os.path.join(os.path.dirname(sys.executable), "schemathesis"),
                "run",
                house.base_url + "/api/v1/openapi.json",
                "--checks",
                CHECKS,
                "--max-examples",
                max_examples,
                "--request-timeout",
                "20",
                "--seed",
                "10",
            ],
            env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"},
            # schemathesis keeps a cache of examples in the working directory.
            cwd=house.dir,
            timeout=900,
        )
    finally:
        house.stop()
        house.remove()
    sys.exit(result.returncode if result else 1)


if __name__ == "__main__":
    main()
