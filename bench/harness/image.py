"""The image's application as ./bulwark image makes it, for the harnesses that run it without a container."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from harness.proc import run_command

IMAGE_BUILD_TIMEOUT = 900  # s: the runtime's jlink, Spring AOT, the AOT cache's training, the tar


@dataclasses.dataclass
class ImageApp:
    """How to start the image's application: its own Java runtime, its jar's name, the folder to start it in (the AOT
    cache recorded the relative class path, as the image's working directory is /app) and the entrypoint's options
    that make it the image's (Spring AOT's code, the AOT cache; AOTMode=on: a cache that does not fit stops the start
    instead of being ignored)."""

    java: Path
    jar: str
    folder: Path
    java_options: list[str]


def build_image(checkout: Path, settings: list[str], output: Path) -> ImageApp:
    """Builds the checkout's image into output with ./bulwark image --aot-settings: Spring AOT's code and the AOT
    cache are made in production mode with these settings (--name=value arguments: the database, the signing keys,
    Redis) and the Host names the harnesses use. The image refuses to start where a setting that decides its beans
    differs from these."""
    properties = output.with_name(f"{output.name}.properties")
    hosts = "--bulwark.web.allowed-hosts=localhost,127.0.0.1"
    properties.write_text("".join(f"{arg[2:]}\n" for arg in [*settings, hosts]))
    run_command([str(checkout / "bulwark"), "image", "--aot-settings", str(properties), "--output", str(output)],
                timeout=IMAGE_BUILD_TIMEOUT, cwd=checkout)
    app = output / "app"
    jar = next(app.glob("*.jar"))
    return ImageApp(output / "runtime" / "bin" / "java", jar.name, app,
                    [f"-XX:AOTCache={jar.with_suffix('.aot')}", "-XX:AOTMode=on", "-Dspring.aot.enabled=true"])
