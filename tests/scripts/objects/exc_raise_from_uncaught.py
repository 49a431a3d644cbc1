# raise X from Y, uncaught: the last line shows the final exception
class ConfigError(Exception):
    pass
def read_port(settings):
    try:
        return int(settings["port"])
    except KeyError as e:
        raise ConfigError("port is not configured") from e
print(read_port({"port": "8080"}))
print(read_port({}))
