from moto_nimble.server import main

main()
