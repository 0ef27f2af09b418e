from chuishao_shared.serve import serve

from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings, build_app

if __name__ == "__main__":
    serve(DispatchSettings(), build_app, MIGRATIONS)
