"""pyvista, set up to render off-screen on machines without a display.

Without ``DISPLAY``, VTK's default X11 window fails over to EGL with a "bad X server
connection" warning on every render; asking for the EGL window directly avoids it.
Import pyvista from here (``from viz.offscreen import pv``) so the setting is made
before VTK loads.
"""

import os

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import pyvista as pv  # noqa: E402

__all__ = ["pv"]
