"""The analyst's workbench in a browser and over HTTP (``custodes serve``): ``create_app``."""

from custodes.web.app import create_app

__all__ = ["create_app"]
