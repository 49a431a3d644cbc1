# uncaught custom exception with a message
class ConfigError(Exception):
    pass
def load(settings):
    if "path" not in settings:
        raise ConfigError("missing required setting: path")
    return settings["path"]
print(load({"path": "/etc/app"}))
print(load({}))
